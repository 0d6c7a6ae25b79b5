// FarOut widget embed. Usage on a store's Thank-You page:
// <script src="https://<farout host>/embed.js" data-campaign="cmp_..." data-order="1001"
//   data-email="shopper@example.com" async></script>
(() => {
  const script = document.currentScript;
  const campaign = script?.dataset.campaign;
  if (!campaign) return;

  const origin = new URL(script.src).origin;
  const src = new URL(`/w/${encodeURIComponent(campaign)}`, origin);
  for (const name of ['order', 'email']) {
    if (script.dataset[name]) src.searchParams.set(name, script.dataset[name]);
  }

  const frame = document.createElement('iframe');
  frame.src = src.href;
  frame.title = 'Share a post about your order, get a discount';
  frame.style.cssText = 'border:0;width:100%;max-width:480px;height:250px;display:block';
  script.after(frame);

  // The widget reports its height so the frame fits its content without a scrollbar.
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    const height = event.data?.type === 'farout:height' && Number(event.data.height);
    if (height > 0 && height < 2000) frame.style.height = `${Math.ceil(height)}px`;
  });
})();
