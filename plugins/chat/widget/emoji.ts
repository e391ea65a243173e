/**
 * The emoji picker: a lazy chunk (`import('./emoji.js')`), loaded the first time the visitor opens
 * it, so the chat chunk stays small. A grid of buttons; arrow keys move, Enter picks, Esc closes.
 */
const EMOJI =
  '😀 😃 😄 😁 😆 😅 😂 🤣 😊 😇 🙂 😉 😌 😍 🥰 😘 😋 😜 🤪 🤔 🤗 🤩 😎 🥳 😏 😐 😑 🙄 😬 😴 😢 😭 😤 😡 😱 😳 🥺 🙈 🙏 👍 👎 👌 ✌️ 🤝 👏 🙌 💪 👋 ❤️ 🧡 💛 💚 💙 💜 🔥 ✨ 🎉 🎁 ⭐ ✅ ❌ ❓ ❗ 💡 📦 🚚 💳 🛒 📞 📧 ⏰ 📅 🏠 ☕ 🍕 🌞 🌧️ 🚀 💬'.split(' ');

export const css = `
.emo{flex:none;border-top:1px solid var(--bd);background:var(--bg);max-height:180px;overflow-y:auto;padding:8px;display:grid;grid-template-columns:repeat(8,1fr);gap:2px}
.emo button{height:36px;border-radius:8px;font-size:22px;line-height:36px;font-family:"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji",sans-serif}
.emo button:hover{background:var(--sf)}
`;

export function emojiPicker(label: string, pick: (emoji: string) => void, close: () => void): HTMLElement {
  const grid = document.createElement('div');
  grid.className = 'emo';
  grid.setAttribute('role', 'group');
  grid.setAttribute('aria-label', label);
  grid.setAttribute('data-testid', 'cp-emoji');
  for (const e of EMOJI) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = e;
    b.tabIndex = -1;
    b.addEventListener('click', () => pick(e));
    grid.appendChild(b);
  }
  const buttons = [...grid.children] as HTMLButtonElement[];
  if (buttons[0]) buttons[0].tabIndex = 0;
  grid.addEventListener('keydown', (ev) => {
    const i = buttons.indexOf(ev.target as HTMLButtonElement);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8 }[ev.key];
    if (ev.key === 'Escape') {
      ev.stopPropagation();
      close();
    } else if (step && i >= 0) {
      ev.preventDefault();
      const next = buttons[Math.min(buttons.length - 1, Math.max(0, i + step))]!;
      buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
      next.focus();
    }
  });
  return grid;
}
