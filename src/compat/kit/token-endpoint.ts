/** OAuth 2.0 token endpoints and key sets, as the native API builds its own: client authentication and grants. */
export { grantField } from '../../auth/client-authentication.js';
export { OAuthError } from '../../auth/oauth.service.js';
export { sendOAuthError, tokenEndpoint, type TokenEndpoint } from '../../http/routes/auth/token-endpoint.js';
export { jwksRoute } from '../../http/routes/auth/jwks.js';
