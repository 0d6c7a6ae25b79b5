// The review queue's "Select all" box. Without JavaScript the box stays hidden and each post is
// ticked on its own.
(() => {
  const form = document.querySelector('.queue-form');
  const all = document.querySelector('[data-select-all]');
  if (!form || !all) return;
  const boxes = () => [...form.querySelectorAll('input[name="ids"]')];

  all.closest('.select-all')?.removeAttribute('hidden');
  all.addEventListener('change', () => {
    for (const box of boxes()) box.checked = all.checked;
  });
  form.addEventListener('change', (event) => {
    if (event.target === all) return;
    const ticked = boxes().filter((box) => box.checked).length;
    all.checked = ticked === boxes().length;
    all.indeterminate = ticked > 0 && ticked < boxes().length;
  });
})();
