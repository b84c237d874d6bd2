// A real OpenID Connect provider for the sign-in tests (tests/support/oidc.py starts it): oidc-provider from npm
// on a loopback port. Only the login page is replaced: instead of a form, the interaction signs in the test
// account named by `login_hint` (or the first account) and grants the scopes asked for, so a test can drive the
// whole code flow over HTTP. Everything else (discovery, /auth, /token, JWKS, /session/end) is the library's.
//
// Environment: OIDC_TEST_PORT, OIDC_TEST_ACCOUNTS (a JSON file read at every sign-in, so a test can change an
// account's groups between sign-ins), OIDC_TEST_APP_URL (the app's base URL: its callback and sign-out return).
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_TEST_PORT);
const appUrl = process.env.OIDC_TEST_APP_URL;
const accounts = () => JSON.parse(readFileSync(process.env.OIDC_TEST_ACCOUNTS, 'utf8'));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'kcc-planning',
    client_secret: 'test-client-secret',
    redirect_uris: [`${appUrl}/oidc/callback/`],
    post_logout_redirect_uris: [`${appUrl}/accounts/login/`],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
  }],
  // As Entra ID does: the groups claim rides in the ID token of the code flow, not only at /userinfo.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'groups'],
  },
  features: {
    devInteractions: { enabled: false },
    // The sign-out confirmation: the library's form and one button, with nothing fetched from elsewhere.
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>${form}
          <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
      },
    },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = accounts()[id];
    if (!account) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) };
  },
});

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)$/);
  if (!match) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  let result;
  if (details.prompt.name === 'login') {
    const accountId = details.params.login_hint || Object.keys(accounts())[0];
    result = { login: { accountId } };
  } else {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    if (details.prompt.details.missingOIDCScope) grant.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
    if (details.prompt.details.missingOIDCClaims) grant.addOIDCClaims(details.prompt.details.missingOIDCClaims);
    result = { consent: { grantId: await grant.save() } };
  }
  ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
});

provider.listen(port, '127.0.0.1');
