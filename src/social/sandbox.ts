import type { Database } from '../db/client';
import { findSandboxPost, listSandboxPosts, type SandboxPost } from '../db/sandbox-posts';
import { found, IMAGE_MAX_BYTES, isAtOrAfter, notFound, unsupported } from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// Sandbox images are R2 objects, named `r2:<key>` so they travel through the same
// `imageUrls` as every other platform's. Only keys under `sandbox/` are posts' images: a
// crafted address must not read a shopper's original photo or any other object.
const R2_SCHEME = 'r2:';
const POST_IMAGE_PREFIX = 'sandbox/';

export type SandboxOptions = {
  db: Database;
  /** The bucket of post images, `env.MEDIA`. */
  bucket: R2Bucket;
  /** The public origin links are made from; empty leaves them as paths on this deployment. */
  origin?: string;
};

/** Our own sandbox network, read straight from D1 and R2. */
export class SandboxAdapter implements SocialAdapter {
  constructor(private readonly options: SandboxOptions) {}

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    const posts = await listSandboxPosts(this.options.db, handle);

    const recent = posts.filter((post) => isAtOrAfter(post.createdAt, since));
    return found(recent.map((post) => this.toFoundPost(post)));
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    const post = await findSandboxPost(this.options.db, postId);

    const isTheirs = post?.handle === handle.toLowerCase();
    if (!post || !isTheirs || post.deletedAt !== null) return notFound();
    return found(this.toFoundPost(post));
  }

  async fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    const key = url.startsWith(R2_SCHEME) ? url.slice(R2_SCHEME.length) : '';
    if (!key.startsWith(POST_IMAGE_PREFIX) || key.includes('..')) return notFound();

    const object = await this.options.bucket.get(key);
    if (!object) return notFound();
    if (object.size > IMAGE_MAX_BYTES) {
      await object.body.cancel();
      return unsupported('The post image is too large to check automatically.');
    }
    return found(new Uint8Array(await object.arrayBuffer()));
  }

  private toFoundPost(post: SandboxPost): FoundPost {
    const origin = this.options.origin?.replace(/\/+$/, '') ?? '';

    return {
      id: post.id,
      url: `${origin}${post.url}`,
      caption: post.caption,
      imageUrls: [`${R2_SCHEME}${post.imageKey}`],
      publishedAt: post.createdAt,
    };
  }
}
