// A route's declared answer, taken from the one contract (core/contract/api.ts) by its method and path: the route
// states which entry it answers with, and the architecture test holds the entry's name to the route's own.
import { answers, type Route } from '../core/contract/api.ts';

export const answer = <R extends Route>(route: R) => ({ 200: answers[route] });
