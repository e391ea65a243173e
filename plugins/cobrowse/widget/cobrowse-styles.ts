/**
 * The consent card's and the banner's stylesheet, in their own shadow root, after the chat
 * widget's look (the call card's font, radii, shadows); the site's shell colour (B6) as `--a`.
 * The card sits at the top centre, where the visitor's eyes are not on the chat's own corner.
 */
export const css = `
:host{all:initial!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483002!important}
.cb{--a:#2563eb;--on-a:#fff;--sf:#f4f6fa;--tx:#172033;--mu:#667085;--bd:#e3e7ef;
position:fixed;top:16px;left:50%;transform:translateX(-50%);width:360px;max-width:calc(100vw - 16px);border-radius:16px;background:#fff;color:var(--tx);
box-shadow:0 16px 48px rgba(16,24,40,.24),0 4px 12px rgba(16,24,40,.1);font:400 14px/1.45 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif;
text-align:left;-webkit-font-smoothing:antialiased;overflow:hidden;animation:pop .2s ease}
@keyframes pop{from{opacity:0;transform:translate(-50%,-8px)}to{opacity:1;transform:translateX(-50%)}}
@media (prefers-reduced-motion:reduce){.cb{animation:none}}
*{box-sizing:border-box}
[hidden]{display:none!important}
.hd{display:flex;align-items:center;gap:10px;padding:12px 16px;background:var(--a);background:linear-gradient(135deg,var(--a),color-mix(in srgb,var(--a) 82%,#000));color:var(--on-a);font-weight:600;font-size:15px}
.hd svg{width:20px;height:20px;flex:none;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}
p{margin:12px 16px 0;color:var(--mu);font-size:13px}
.row{display:flex;gap:8px;padding:12px 16px 14px}
button{font:inherit;flex:1;height:38px;border-radius:19px;border:0;cursor:pointer;font-weight:600;background:var(--sf);color:var(--tx);box-shadow:inset 0 0 0 1px var(--bd)}
button.go{background:var(--a);color:var(--on-a);box-shadow:none}
button:focus-visible{outline:2px solid var(--a);outline-offset:2px}
.bar{display:flex;align-items:center;gap:10px;width:auto;padding:6px 6px 6px 14px;border-radius:22px;font-size:13px;font-weight:500}
.bar .dot{width:8px;height:8px;border-radius:50%;background:#d92d20;flex:none;animation:blink 1.6s infinite}
@keyframes blink{50%{opacity:.3}}
.bar button{flex:none;height:30px;padding:0 12px;border-radius:15px;font-size:12.5px}
`;
