import type { SandboxPost } from '../../db/sandbox-posts';
import { SandboxPostCard } from './SandboxPostCard';
import { SandboxShell } from './SandboxShell';

type SandboxProfileProps = { handle: string; posts: SandboxPost[] };

/** A handle's profile: its posts, newest first. */
export function SandboxProfile({ handle, posts }: SandboxProfileProps) {
  return (
    <SandboxShell title={`@${handle}`}>
      <h1>@{handle}</h1>
      {posts.length === 0 ? (
        <p class="notice">No posts yet.</p>
      ) : (
        <ol class="sandbox-feed">
          {posts.map((post) => (
            <li>
              <SandboxPostCard post={post} on="profile" />
            </li>
          ))}
        </ol>
      )}
    </SandboxShell>
  );
}
