// Widget behaviour: copy the journey link, and tell the embedding page our height.
(() => {
  for (const button of document.querySelectorAll('[data-copy]')) {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector('[role="status"]');
      try {
        await navigator.clipboard.writeText(field.value);
        status.textContent = 'Link copied.';
      } catch {
        field.select();
        status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected link.';
      }
    });
  }

  if (window.parent === window) return;
  const report = () =>
    window.parent.postMessage(
      { type: 'farout:height', height: document.documentElement.scrollHeight },
      '*',
    );
  new ResizeObserver(report).observe(document.body);
  report();
})();
