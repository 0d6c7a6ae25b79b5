import { CAPTION_LIMITS } from '../../domain/caption';
import { PostImage } from './SandboxPostCard';
import { SandboxShell } from './SandboxShell';

type SandboxComposeProps = {
  submissionId: string;
  handle: string;
  caption: string;
  error?: string | undefined;
};

const MAX_CAPTION = CAPTION_LIMITS.sandbox.maxLength.toLocaleString('en-US');

/** The "Post to Sandbox" page: the ready post image and its caption, which the shopper may edit. */
export function SandboxCompose({ submissionId, handle, caption, error }: SandboxComposeProps) {
  const describedBy = error ? 'caption-hint caption-error' : 'caption-hint';

  return (
    <SandboxShell title="Post to Sandbox">
      <h1>Post to Sandbox</h1>
      <p>
        Posting as <strong>@{handle}</strong>
      </p>
      <PostImage src={`/sandbox/compose/${submissionId}/image`} handle={handle} />
      <form method="post" action="/sandbox/posts" class="sandbox-form">
        <input type="hidden" name="submission" value={submissionId} />
        <label for="caption" class="sandbox-label">
          Caption
        </label>
        <p id="caption-hint" class="sandbox-hint">
          You may edit it, up to {MAX_CAPTION} characters. The checks read the caption you post, so
          keep your code and hashtags in it.
        </p>
        <textarea
          id="caption"
          class="sandbox-textarea"
          name="caption"
          rows={8}
          required
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {caption}
        </textarea>
        {error && (
          <p id="caption-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="sandbox-button">
          Post
        </button>
      </form>
    </SandboxShell>
  );
}

type SandboxNotReadyProps = { submissionId: string; message: string };

/** Shown instead of the compose page while the submission has no post image to post. */
export function SandboxNotReady({ submissionId, message }: SandboxNotReadyProps) {
  return (
    <SandboxShell title="Post not ready">
      <h1>Your post is not ready yet</h1>
      <p>{message}</p>
      <p>
        <a href={`/s/${submissionId}`}>Back to your post</a>
      </p>
    </SandboxShell>
  );
}
