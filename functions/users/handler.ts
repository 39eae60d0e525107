import { defaultDeps } from '../shared/deps.js';
import { createApi, created, expectedVersion, noContent, ok, type TenantOperation } from '../shared/http.js';
import { sendEmail } from '../shared/mailer.js';
import { emptyBody, parseInput } from '../shared/validation.js';
import { cognitoIdentity } from './identity.js';
import { inviteUserSchema, listUsersSchema, updateUserSchema } from './schema.js';
import * as users from './service.js';

const deps: users.UserDeps = { ...defaultDeps, identity: cognitoIdentity, sendEmail };

const me: TenantOperation = async (req) => ok(await users.getMe(req.ctx, deps));

const list: TenantOperation = async (req) =>
  ok(await users.listUsers(req.ctx, parseInput(listUsersSchema, req.query, 'query'), deps));

const invite: TenantOperation = async (req) =>
  created(await users.inviteUser(req.ctx, parseInput(inviteUserSchema, req.body), deps));

const update: TenantOperation = async (req) => {
  const patch = parseInput(updateUserSchema, req.body);
  return ok(await users.updateUser(req.ctx, req.params.userId!, patch, expectedVersion(req), deps));
};

const resend: TenantOperation = async (req) => {
  parseInput(emptyBody, req.body);
  return ok(await users.resendInvitation(req.ctx, req.params.userId!, deps), 202);
};

const remove: TenantOperation = async (req) => {
  await users.deleteUser(req.ctx, req.params.userId!, deps);
  return noContent();
};

export const handler = createApi('users', {
  'GET /v1/me': me,
  'GET /v1/users': list,
  'POST /v1/users': invite,
  'PATCH /v1/users/{userId}': update,
  'DELETE /v1/users/{userId}': remove,
  'POST /v1/users/{userId}/invitation': resend,
});
