import type { SandboxPost } from '../../db/sandbox-posts';
import { sandboxImagePath, sandboxProfilePath } from '../../db/sandbox-posts';

// Rendered on the server, which does not know the reader's time zone, so the zone is spelled out.
const POST_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/** A point in time as a `<time>` element a reader and a machine can both read. */
export function PostTime({ at }: { at: Date }) {
  return <time datetime={at.toISOString()}>{`${POST_TIME.format(at)} UTC`}</time>;
}

/** The post image at its 4:5 shape, described for screen readers. */
export function PostImage({ src, handle }: { src: string; handle: string }) {
  return (
    <img
      class="sandbox-image"
      src={src}
      alt={`Post by @${handle} with a star rating and a comment`}
      width="1080"
      height="1350"
    />
  );
}

// On a profile every post is the profile's own, so the card links to the post instead of the
// author; on a post's own page it is the other way round.
type SandboxPostCardProps = { post: SandboxPost; on: 'profile' | 'post' };

/** One post: image, caption and time, with the link that leads on from where it is shown. */
export function SandboxPostCard({ post, on }: SandboxPostCardProps) {
  const time = <PostTime at={post.createdAt} />;

  return (
    <article class="sandbox-post">
      {on === 'post' && (
        <p class="sandbox-author">
          <a href={sandboxProfilePath(post.handle)}>@{post.handle}</a>
        </p>
      )}
      <PostImage src={sandboxImagePath(post.id)} handle={post.handle} />
      <p class="sandbox-caption">{post.caption}</p>
      <p class="sandbox-meta">
        {on === 'profile' ? <a href={post.url}>Posted {time}</a> : <>Posted {time}</>}
      </p>
    </article>
  );
}
