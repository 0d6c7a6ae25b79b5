import { unsupported } from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// The Graph API reads a person's posts only with that person's own login (the user_posts
// permission), and a personal profile cannot be searched. Lifting this would take shoppers
// logging in with Facebook, which the journey does not ask of them.
const MESSAGE = 'Facebook posts are reviewed by hand: Facebook has no API that finds them.';

/** Facebook: no automatic lookup at all; every post goes to manual review. */
export class FacebookAdapter implements SocialAdapter {
  async recentPosts(): Promise<LookupResult<FoundPost[]>> {
    return unsupported(MESSAGE);
  }

  async getPost(): Promise<LookupResult<FoundPost>> {
    return unsupported(MESSAGE);
  }

  async fetchImage(): Promise<LookupResult<Uint8Array>> {
    return unsupported(MESSAGE);
  }
}
