// A route's schema from the one contract (core/contract/api.ts), by its method and path: what it accepts (path, query
// string, JSON body) and what it answers. The route adds only its tags and summary for /api/docs; the architecture
// test holds the entry's name to the route's own.
import { accepts, answers, type Route } from '../core/contract/api.ts';

export const contract = <R extends Route>(route: R) => ({ ...accepts[route], response: { 200: answers[route] } });
