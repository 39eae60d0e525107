import { Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * The API's CORS rules, set after both sites exist. The sites' CSP names this API's URL in
 * `connect-src`, so the distributions depend on the API; CORS naming the distributions on the API
 * resource itself would close that into a cycle CloudFormation refuses. A custom resource calling
 * `UpdateApi` after both are created breaks it (and runs again whenever the rules change).
 */
export class ApiCors extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: {
      httpApi: HttpApi;
      allowOrigins: string[];
      allowMethods: string[];
      allowHeaders: string[];
      exposeHeaders: string[];
      maxAge: Duration;
    },
  ) {
    super(scope, id);
    const { httpApi } = props;
    const stack = Stack.of(this);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Sets the Quoteflow HTTP API CORS rules once the web distributions exist',
    });
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    logGroup.grantWrite(role);
    const update = {
      service: 'ApiGatewayV2',
      action: 'UpdateApi',
      parameters: {
        ApiId: httpApi.apiId,
        CorsConfiguration: {
          AllowOrigins: props.allowOrigins,
          AllowMethods: props.allowMethods,
          AllowHeaders: props.allowHeaders,
          ExposeHeaders: props.exposeHeaders,
          MaxAge: props.maxAge.toSeconds(),
        },
      },
      physicalResourceId: PhysicalResourceId.of(`${httpApi.apiId}-cors`),
    };
    new AwsCustomResource(this, 'Update', {
      onCreate: update,
      onUpdate: update,
      // Deleting the stack deletes the API and its CORS rules with it.
      role,
      logGroup,
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({
          actions: ['apigateway:PATCH'],
          resources: [`arn:${stack.partition}:apigateway:${stack.region}::/apis/${httpApi.apiId}`],
        }),
      ]),
    });
  }
}
