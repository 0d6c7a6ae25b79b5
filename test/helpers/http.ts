import { exports } from 'cloudflare:workers';

/** A request to the Worker under test, through its real `fetch` handler. */
export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, 'http://farout.test'), init));
}
