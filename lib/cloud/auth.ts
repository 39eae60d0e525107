import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { codeEmail, passwordPolicy, type PoolName } from '../manifest';
import { poolNames, type CloudManifest } from './cloud-manifest';

/** A user pool and the public client the SPA signs in with. */
export interface PoolWithClient {
  readonly pool: UserPool;
  readonly client: UserPoolClient;
}

/** The JWT issuer API Gateway checks tokens from `pool` against. */
export const issuerOf = (pool: UserPool): string =>
  `https://cognito-idp.${Stack.of(pool).region}.amazonaws.com/${pool.userPoolId}`;

/** The Cognito endpoint clients call `InitiateAuth` on (the `CognitoEndpoint` output). */
export const cognitoEndpointOf = (scope: Construct): string =>
  `https://cognito-idp.${Stack.of(scope).region}.amazonaws.com/`;

/** Both Cognito user pools from manifest.pools: tenant users and platform admins. */
export class Auth extends Construct {
  readonly pools: Record<PoolName, PoolWithClient>;

  constructor(scope: Construct, id: string, props: { manifest: CloudManifest; named: (base: string) => string }) {
    super(scope, id);
    const entries = poolNames(props.manifest).map((name): [PoolName, PoolWithClient] => {
      const def = props.manifest.pools[name];
      const pool = new UserPool(this, def.id, {
        userPoolName: props.named(def.name),
        signInAliases: { email: true },
        signInCaseSensitive: false,
        selfSignUpEnabled: false,
        autoVerify: { email: true },
        keepOriginal: { email: true },
        standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
        customAttributes: Object.fromEntries(
          def.customAttributes.map((a) => [a, new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 })]),
        ),
        passwordPolicy: { ...passwordPolicy, tempPasswordValidity: Duration.days(7) },
        // Forgot password sends this code email (Cognito uses the verification message for it).
        userVerification: {
          emailStyle: VerificationEmailStyle.CODE,
          emailSubject: codeEmail.subject,
          emailBody: codeEmail.body,
        },
        // TOTP only (no SMS): required for platform admins, the user's or their workspace's choice for tenants.
        mfa: def.mfa === 'required' ? Mfa.REQUIRED : Mfa.OPTIONAL,
        mfaSecondFactor: { otp: true, sms: false },
        accountRecovery: AccountRecovery.EMAIL_ONLY,
        featurePlan: FeaturePlan.PLUS,
        standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      if (def.mfa === 'optional') {
        Validations.of(pool).acknowledge({
          id: 'AwsSolutions-COG2',
          reason:
            'Tenant pool MFA is OPTIONAL (TOTP) because each workspace owner decides: anyone can enrol from Settings → Security, and an owner can require TOTP for the workspace, which the API enforces (403 problems/mfa-required on everything but the setup for users without it). Threat protection (Plus plan, full function) still blocks compromised credentials and risky sign-ins.',
        });
      }

      // Users must never rewrite tenantId/role with their own access token: custom attributes are read-only to clients.
      const readable = new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...def.customAttributes);
      const client = pool.addClient('WebClient', {
        userPoolClientName: def.clientName,
        generateSecret: false,
        authFlows: { userPassword: true, userSrp: true },
        disableOAuth: true,
        idTokenValidity: Duration.hours(1),
        accessTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.days(30),
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        readAttributes: readable,
        writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
      });
      return [name, { pool, client }];
    });
    this.pools = Object.fromEntries(entries) as Record<PoolName, PoolWithClient>;
  }
}
