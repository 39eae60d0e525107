import { defaultDeps } from '../shared/deps.js';
import { createApi } from '../shared/http.js';
import { sendEmail } from '../shared/mailer.js';
import { usersApi } from './contract.js';
import { cognitoIdentity } from './identity.js';
import * as profile from './profile.js';
import * as users from './service.js';

const deps: users.UserDeps = { ...defaultDeps, identity: cognitoIdentity, sendEmail };

export const handler = createApi(usersApi, {
  me: ({ ctx }) => users.getMe(ctx, deps),
  updateMe: ({ ctx, body, version }) => profile.updateMe(ctx, body, version, deps),
  signOutEverywhere: ({ ctx }) => profile.signOutEverywhere(ctx, deps),
  refreshMfa: ({ ctx }) => users.refreshMfa(ctx, deps),
  list: ({ ctx, query }) => users.listUsers(ctx, query, deps),
  invite: ({ ctx, body }) => users.inviteUser(ctx, body, deps),
  update: ({ ctx, params, body, version }) => users.updateUser(ctx, params.userId, body, version, deps),
  remove: ({ ctx, params }) => users.deleteUser(ctx, params.userId, deps),
  resendInvitation: ({ ctx, params }) => users.resendInvitation(ctx, params.userId, deps),
});
