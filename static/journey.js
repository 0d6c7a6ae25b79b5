// Journey pages, optional comforts: copy buttons, the comment counter and sharing the image to
// an app (photo-downscale.js shrinks photos). Every step works without this file.
(() => {
  async function copy(button) {
    const field = document.getElementById(button.dataset.copy);
    const status = button.parentElement.querySelector('[role="status"]');
    try {
      await navigator.clipboard.writeText(field.value);
      status.textContent = 'Copied.';
    } catch {
      field.select();
      status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  }

  function counter(textarea, output) {
    const update = () => {
      output.textContent = `${textarea.value.length} / ${textarea.maxLength} characters`;
    };
    textarea.addEventListener('input', update);
    update();
  }

  async function shareImage(button) {
    const response = await fetch(button.dataset.shareImage);
    const blob = await response.blob();
    const file = new File([blob], 'my-post.jpg', { type: blob.type });
    await navigator.share({ files: [file] }).catch(() => {});
  }

  // Elements kept across htmx swaps (hx-preserve) are seen again: wire each one once.
  const fresh = (root, selector) =>
    [...root.querySelectorAll(selector)].filter((element) => {
      if (element.dataset.enhanced) return false;
      element.dataset.enhanced = 'yes';
      return true;
    });

  function enhance(root) {
    for (const button of fresh(root, '[data-copy]')) {
      button.hidden = false;
      button.addEventListener('click', () => copy(button));
    }
    for (const output of fresh(root, '[data-counter-for]')) {
      const textarea = document.getElementById(output.dataset.counterFor);
      if (textarea) counter(textarea, output);
    }
    for (const button of fresh(root, '[data-share-image]')) {
      const probe = new File([''], 'probe.jpg', { type: 'image/jpeg' });
      if (!navigator.canShare?.({ files: [probe] })) continue;
      button.hidden = false;
      button.addEventListener('click', () => shareImage(button));
    }
  }

  enhance(document);
  // htmx swaps in new markup after a validation error or a status update.
  document.body.addEventListener('htmx:afterSettle', (event) => enhance(event.target));
})();
