import { Type } from 'typebox';
import { errorShape, type ErrorFacts } from '../kit/error-shape.js';

/**
 * Errors as NAVER Cloud answers them. What its API gateway refuses before the API sees the
 * request has the gateway's body, `{"error":{"errorCode":"200","message":"Authentication Failed"}}`;
 * what the External Access API refuses has `{"errorCode":<int>,"message":"..."}`.
 * docs/compat/naver-cloud.md has both tables.
 */
const gateway: Readonly<Record<number, { errorCode: string; message: string }>> = {
  401: { errorCode: '200', message: 'Authentication Failed' },
  // The gateway answers a permission it refuses with 401 too, told apart by its code.
  403: { errorCode: '210', message: 'Permission Denied' },
  413: { errorCode: '430', message: 'Entity Too Large' },
  415: { errorCode: '100', message: 'Bad Request Exception' },
  429: { errorCode: '420', message: 'Rate Limited' },
};

/** The gateway's codes for what profiled finds before any route: an unknown path, an unreadable URL. */
const gatewayCodes: Readonly<Record<string, { errorCode: string; message: string }>> = {
  'route.not_found': { errorCode: '300', message: 'Not Found Exception' },
  'request.malformed': { errorCode: '100', message: 'Bad Request Exception' },
};

/** The External Access API's codes, by profiled's status. */
export const apiErrorCodes: Readonly<Record<number, number>> = {
  400: 1001,
  404: 1002,
  409: 1003,
  412: 1004,
  500: 1099,
};

function gatewayError(error: Pick<ErrorFacts, 'status' | 'code'>) {
  return gatewayCodes[error.code] ?? gateway[error.status];
}

export const NaverCloudErrorSchema = Type.Object(
  {
    error: Type.Optional(
      Type.Object({
        errorCode: Type.String({ description: "The gateway's code: 200, 210, 300, 100, 420, 430" }),
        message: Type.String(),
        details: Type.String({ description: 'What is wrong' }),
      }),
    ),
    errorCode: Type.Optional(Type.Integer({ description: "The API's code: 1001 to 1099" })),
    message: Type.Optional(Type.String()),
    requestId: Type.String({ description: 'The request id, as in the logs' }),
    profiledCode: Type.String({ description: "profiled's stable error code, e.g. profile.not_found" }),
  },
  {
    $id: 'NaverCloudError',
    description:
      "NAVER Cloud's error: the gateway's `{error:{errorCode,message}}` or the API's `{errorCode,message}`",
  },
);

export const naverCloudError = errorShape({
  schema: NaverCloudErrorSchema,
  body: (error) => {
    const fromGateway = gatewayError(error);
    const ids = { requestId: error.requestId, profiledCode: error.code };
    if (fromGateway) return { error: { ...fromGateway, details: error.detail }, ...ids };
    return { errorCode: apiErrorCodes[error.status] ?? 1099, message: error.detail, ...ids };
  },
  statusOf: (error) => (error.status === 403 ? 401 : error.status),
  challenge: 'NCP-APIGW-V2',
});

/** The error statuses a NAVER Cloud route can send (401 and 403 always), in NCP's shape. */
export const ncpErrors = (...statuses: number[]) => naverCloudError.responses(...statuses);
