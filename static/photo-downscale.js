// Optional: shrinks a chosen photo in the browser before upload. Phones take 12-50 MP photos;
// the server keeps 1440 px a side at most and refuses more than 3 megapixels, so a file input
// with data-downscale="<max side>" sends no more than that. Listening on the document keeps
// working for inputs that htmx swaps in later. Without this script the server's message asks
// for a smaller photo.
(() => {
  async function downscale(input) {
    const maxSide = Number(input.dataset.downscale);
    const file = input.files?.[0];
    if (!file?.type.startsWith('image/') || !window.createImageBitmap) return;
    const bitmap = await createImageBitmap(file).catch(() => null);
    if (!bitmap || Math.max(bitmap.width, bitmap.height) <= maxSide) return;

    const scale = maxSide / Math.max(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    if (!blob) return;
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'photo.jpg', { type: 'image/jpeg' }));
    input.files = transfer.files;
  }

  document.addEventListener('change', (event) => {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === 'file' && input.dataset.downscale) {
      downscale(input);
    }
  });
})();
