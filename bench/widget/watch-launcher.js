// Runs in the bench page before any of its scripts: stamps `window.__launcherAt` (performance.now())
// the moment the chat's launcher inside the widget's shadow root is visible.
(() => {
  const visible = (root) => {
    const launcher = root.querySelector('[data-testid=cp-launcher]');
    return !!launcher && !launcher.hidden && launcher.getBoundingClientRect().width > 0;
  };
  const watchShadow = (host) => {
    const root = host.shadowRoot;
    if (!root) return false;
    const check = () => {
      if (window.__launcherAt !== undefined || !visible(root)) return;
      window.__launcherAt = performance.now();
      observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { subtree: true, childList: true, attributes: true });
    check();
    return true;
  };
  new MutationObserver((_records, self) => {
    const host = document.querySelector('callpy-chat');
    if (host && watchShadow(host)) self.disconnect();
  }).observe(document, { childList: true, subtree: true });
})();
