import type { SandboxPost as Post } from '../../db/sandbox-posts';
import { sandboxProfilePath } from '../../db/sandbox-posts';
import { PostTime, SandboxPostCard } from './SandboxPostCard';
import { SandboxShell } from './SandboxShell';

/** One post on its own page, with the button that takes it down. */
export function SandboxPost({ post }: { post: Post }) {
  return (
    <SandboxShell title={`Post by @${post.handle}`}>
      <h1>Post by @{post.handle}</h1>
      <SandboxPostCard post={post} on="post" />
      <form method="post" action={`${post.url}/delete`} class="sandbox-actions">
        <button type="submit" class="sandbox-button sandbox-button-danger">
          Delete post
        </button>
      </form>
    </SandboxShell>
  );
}

/** What stays at a deleted post's address: that it was deleted, and when. */
export function SandboxPostDeleted({ post }: { post: Post }) {
  return (
    <SandboxShell title="Post deleted">
      <h1>This post was deleted</h1>
      <p>
        @{post.handle} deleted this post
        {post.deletedAt && (
          <>
            {' '}
            on <PostTime at={post.deletedAt} />
          </>
        )}
        .
      </p>
      <p>
        <a href={sandboxProfilePath(post.handle)}>See the other posts by @{post.handle}</a>
      </p>
    </SandboxShell>
  );
}
