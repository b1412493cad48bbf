// What the session routes accept: path, query and body, checked for their meaning (core/contract/input.ts).

import { noQuery, strict, text } from '../input.ts';

export const sessionAccepts = {
  'POST /api/session': {
    querystring: noQuery,
    // code: the authenticator's six digits, for an account that has one
    body: strict({ username: text(40).min(1), password: text(200).min(1), code: text(12).optional() }),
  },
  'POST /api/session/second-factor/begin': { querystring: noQuery },
  'GET /api/session/record': { querystring: noQuery },
  'POST /api/session/second-factor': { querystring: noQuery, body: strict({ code: text(12).min(1) }) },
  'GET /api/session': { querystring: noQuery },
  'DELETE /api/session': { querystring: noQuery },
  'POST /api/session/password': { querystring: noQuery, body: strict({ oldPassword: text(200).min(1), newPassword: text(200).min(1) }) },
} as const;
