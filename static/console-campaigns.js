// Campaign editor, optional: after htmx swaps in a new live preview, paint the widget in the
// typed colours. The page's CSP lets only its first response's <style> through, so a swapped
// fragment carries its colours in data attributes; setting them through the CSSOM is allowed.
(() => {
  const HEX = /^#[0-9a-f]{6}$/i;
  const VARIABLES = { widgetBg: '--w-bg', widgetAccent: '--w-accent', widgetFg: '--w-fg' };

  function paint() {
    for (const widget of document.querySelectorAll('[data-widget-bg]')) {
      for (const [key, variable] of Object.entries(VARIABLES)) {
        const value = widget.dataset[key];
        if (value && HEX.test(value)) widget.style.setProperty(variable, value);
      }
    }
  }

  document.addEventListener('htmx:afterSettle', paint);
  paint();
})();
