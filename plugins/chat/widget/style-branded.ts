/**
 * B4 Branded: the brand first — a labelled pill for a launcher, and a card whose header is a bold
 * band in the shell colour with the logo on a tile, a large title and the operators' faces; the
 * conversation sits on a sheet that overlaps the band. Added over the base sheet (styles.ts).
 */
export const css = `
.st-branded .launcher,.st-branded .tab{width:auto;height:56px;padding:0 24px 0 18px;border-radius:28px;gap:10px;font-size:15.5px;font-weight:700;letter-spacing:.01em;background:linear-gradient(135deg,var(--la),var(--la2));box-shadow:0 12px 28px -6px rgba(16,24,40,.35),0 3px 8px rgba(16,24,40,.14)}
.st-branded .launcher:hover{transform:translateY(-2px)}
.st-branded .launcher svg{width:24px;height:24px}
.st-branded.open .launcher{width:56px;padding:0}
.st-branded .badge{top:-4px;right:-4px}
.st-branded .win{border-radius:22px;box-shadow:0 24px 64px -12px rgba(16,24,40,.38),0 6px 16px rgba(16,24,40,.12)}
.st-branded .head{display:grid;grid-template-columns:1fr auto;grid-template-areas:"logo close" "title faces";align-items:end;gap:14px 12px;padding:16px 12px 34px 22px;background:radial-gradient(circle at 88% -10%,rgba(255,255,255,.2) 0 86px,transparent 87px),radial-gradient(circle at 102% 95%,rgba(255,255,255,.1) 0 64px,transparent 65px),linear-gradient(150deg,var(--a) 30%,var(--a2))}
.st-branded .logo{height:calc(46px*var(--ls));max-width:calc(200px*var(--ls));padding:7px 12px;border-radius:14px;background:#fff;box-shadow:0 2px 10px rgba(16,24,40,.2)}
.st-branded .hbs{grid-area:close;align-self:start}
.st-branded .ht{grid-area:title;align-self:end}
.st-branded .avs{grid-area:faces;align-self:end}
.st-branded .av{width:44px;height:44px}
.st-branded .ttl{font-size:22px;font-weight:800;line-height:1.2;letter-spacing:-.01em;white-space:normal;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical}
.st-branded .st{font-size:13px;margin-top:4px}
.st-branded .body{position:relative;margin-top:-18px;border-radius:18px 18px 0 0;overflow:hidden}
.st-branded .list{padding-top:18px}
.st-branded .bub{border-radius:20px}
.st-branded .comp{margin:0 12px 12px;padding:6px 6px 6px 16px;border:0;border-radius:18px;box-shadow:0 0 0 1px var(--bd),0 2px 6px rgba(16,24,40,.06)}
.st-branded .ib.send:enabled{background:linear-gradient(135deg,var(--a),var(--a2))}
@media (max-width:480px){.st-branded .win{border-radius:0}}
`;
