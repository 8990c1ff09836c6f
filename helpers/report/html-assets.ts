// The report page's inline stylesheet and script. Both are hashed into the page's Content-Security-Policy.

export const CSS = `
:root{color-scheme:light dark;--bg:#f6f7f9;--card:#fff;--fg:#1b1f24;--muted:#5b6470;--line:#dde1e6;--code:#f0f2f5;
--pass:#1a7f37;--pass-bg:#dafbe1;--fail:#cf222e;--fail-bg:#ffebe9;--warn:#9a6700;--warn-bg:#fff8c5;--skip:#6e7781;--skip-bg:#eef0f2;--waive:#0969da;--waive-bg:#ddf4ff;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9198a1;--line:#30363d;--code:#1f2630;
--pass:#3fb950;--pass-bg:#12261a;--fail:#f85149;--fail-bg:#2d1214;--warn:#d29922;--warn-bg:#2b2111;--skip:#9198a1;--skip-bg:#21262d;--waive:#58a6ff;--waive-bg:#0c2238;--link:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--link)}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px}
main{max-width:1180px;margin:0 auto;padding:0 24px 48px}
.banner{padding:18px 24px 14px;border-bottom:4px solid var(--accent);background:var(--accent-bg)}
.banner>div{max-width:1180px;margin:0 auto;padding:0 24px}
.banner h1{margin:0 0 6px;font-size:24px;line-height:1.25;color:var(--accent);overflow-wrap:anywhere}
.banner .first-fix{margin:0 0 10px;font-weight:600}
.banner .first-fix a{color:var(--fg);text-decoration-color:var(--accent)}
.kind-ready{--accent:var(--pass);--accent-bg:var(--pass-bg)}
.kind-warnings{--accent:var(--warn);--accent-bg:var(--warn-bg)}
.kind-fails{--accent:var(--fail);--accent-bg:var(--fail-bg)}
.kind-incomplete,.kind-not-ready{--accent:var(--warn);--accent-bg:var(--warn-bg)}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.chip.zero{opacity:.55}
.chip{padding:2px 10px;border-radius:999px;background:var(--card);border:1px solid var(--line);font-weight:600;font-size:13px}
.o-passed{color:var(--pass)}.o-failed{color:var(--fail)}.o-warned{color:var(--warn)}.o-skipped{color:var(--skip)}.o-blocked{color:var(--skip)}.o-waived{color:var(--waive)}
.notices{margin:16px 0 0;padding:10px 14px;border:1px solid var(--warn);border-radius:8px;background:var(--warn-bg);list-style:none}
.runinfo{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:4px 24px;margin:16px 0;color:var(--muted);font-size:13px}
.runinfo dt{display:inline;font-weight:600}.runinfo dd{display:inline;margin:0;word-break:break-all}
section{margin-top:20px}
#root-causes{margin-top:14px}
details.fold{margin:4px 0;border-bottom:1px solid var(--line)}details.fold:last-child{border-bottom:0}
details.fold>summary{cursor:pointer;padding:6px 0;font-weight:600}
.gallery-items{margin:0 0 10px;padding-left:0;list-style:none}
.gallery-items>li{padding:2px 0}.gallery-items summary{cursor:pointer}
.gallery-items .basis{margin:4px 0;padding-left:20px;font-size:13px}
q.server{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px;overflow-wrap:anywhere}
.badge.entra{border-color:var(--fail);color:var(--fail)}.badge.gallery{border-color:var(--warn);color:var(--warn)}
ol.causes p.title{margin:0 0 4px;overflow-wrap:anywhere}
h2{font-size:20px;margin:0 0 10px}
h3{font-size:15px;margin:16px 0 8px;color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
table.matrix{border-collapse:collapse;width:100%;table-layout:fixed;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.matrix th,.matrix td{padding:8px 12px;border-bottom:1px solid var(--line);text-align:left}
.matrix thead th:first-child{width:38%}
.matrix thead th{font-size:13px;color:var(--muted);background:var(--code)}
.matrix td a{display:block;text-decoration:none;color:inherit;padding:4px 10px;border-radius:6px;border:1px solid var(--line)}
.matrix td a:hover{outline:2px solid var(--link)}
.matrix td a.worst-failed{background:var(--fail-bg);border-color:var(--fail)}
.matrix td a.worst-warned{background:var(--warn-bg);border-color:var(--warn)}
.matrix td a.worst-passed{background:var(--pass-bg);border-color:var(--pass)}
.matrix td a.worst-waived{background:var(--waive-bg);border-color:var(--waive)}
.n{margin-right:10px;font-weight:600;white-space:nowrap}
.todo{margin:0;padding-left:0;list-style:none}
.todo li{padding:8px 0;border-bottom:1px solid var(--line)}.todo li:last-child{border-bottom:0}
.todo a{font-weight:600}
.todo .why{display:block;color:var(--muted);font-size:13px}
ol.causes{margin:0;padding-left:22px}ol.causes li.cause{padding:6px 0 4px;border-bottom:1px solid var(--line)}ol.causes li.cause:last-child{border-bottom:0}ol.causes ul{margin:0;padding-left:18px}
.toolbar{display:flex;gap:8px;margin:8px 0 0}
button{font:inherit;font-size:13px;padding:4px 10px;border-radius:6px;border:1px solid var(--line);background:var(--card);color:var(--fg);cursor:pointer}
details.check{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--skip);border-radius:8px;margin:6px 0}
details.check.failed{border-left-color:var(--fail)}details.check.warned{border-left-color:var(--warn)}
details.check.passed{border-left-color:var(--pass)}details.check.waived{border-left-color:var(--waive)}
details.check>summary{cursor:pointer;padding:8px 12px;display:flex;gap:8px;align-items:baseline;flex-wrap:wrap;list-style-position:outside}
details.check>summary::marker{color:var(--muted)}
details.check[open]>summary{border-bottom:1px solid var(--line)}
details.check:target{outline:2px solid var(--link)}
details.check,section,.dialect{scroll-margin-top:12px}
.mark{font-weight:700;width:1.2em;display:inline-block;text-align:center}
.id{font-weight:600}
.badge{font-size:12px;padding:0 7px;border-radius:999px;border:1px solid var(--line);color:var(--muted)}
.check.failed .badge.entra,.check.failed .badge.security{border-color:var(--fail);color:var(--fail)}
.banner .limit{margin:0 0 8px;font-weight:600}
.gallery-items .g-not-met>details>summary{color:var(--fail)}
.body{padding:10px 14px 14px}
.message{margin:0 0 10px;font-weight:500}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;margin:0 0 12px}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
pre{margin:0;padding:8px 10px;background:var(--code);border-radius:6px;overflow:auto;white-space:pre-wrap;word-break:break-word;max-height:480px}
.exchange{border:1px solid var(--line);border-radius:8px;margin:10px 0;overflow:hidden}
.reqline{margin:0;padding:8px 10px;background:var(--code);font-weight:600;overflow-wrap:anywhere}
.reqline .st,.reqline .dur{white-space:nowrap}
.reqline .seq{color:var(--muted);font-weight:400;margin-right:6px}
.reqline .st{padding:0 6px;border-radius:4px}
.st-ok{color:var(--pass)}.st-client{color:var(--warn)}.st-server,.st-none{color:var(--fail)}
.reqline .dur{color:var(--muted);font-weight:400;margin-left:6px}
.halves{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:10px}
@media (max-width:820px){.halves{grid-template-columns:1fr}}
@media (max-width:600px){body{font-size:14px}main{padding:0 12px 32px}.banner{padding:12px 12px 10px}.banner>div{padding:0}
.banner h1{font-size:19px}.chip{font-size:12px;padding:1px 8px}.card{padding:10px 12px}ol.causes{padding-left:18px}
dl.facts{grid-template-columns:1fr;gap:2px}dl.facts dd{margin-bottom:4px}h2{font-size:18px}}
.half h4{margin:0 0 6px;font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
table.headers{border-collapse:collapse;width:100%;margin:0 0 8px}
.headers td{padding:2px 6px;border-bottom:1px solid var(--line);vertical-align:top;word-break:break-all}
.headers td:first-child{color:var(--muted);white-space:nowrap;width:1%}
details.hdrs>summary{cursor:pointer;color:var(--muted);font-size:13px;margin-bottom:4px}
.muted{color:var(--muted)}
footer{max-width:1180px;margin:0 auto;padding:16px 24px 32px;color:var(--muted);font-size:13px}
`

// Opens the checks a link points at, so one click on a matrix cell or a "to fix" item shows the failing request.
export const SCRIPT = `
(function(){
  function reveal(hash){
    if(!hash||hash.length<2)return;
    var el=document.getElementById(decodeURIComponent(hash.slice(1)));
    if(!el)return;
    if(el.tagName==='DETAILS')el.open=true;
    el.querySelectorAll('details.check.failed,details.check.warned').forEach(function(d){d.open=true});
    for(var p=el.parentElement;p;p=p.parentElement){if(p.tagName==='DETAILS')p.open=true}
    el.scrollIntoView({block:'start'});
  }
  window.addEventListener('hashchange',function(){reveal(location.hash)});
  document.addEventListener('click',function(e){
    var a=e.target&&e.target.closest?e.target.closest('a[href^="#"]'):null;
    if(a&&a.getAttribute('href')===location.hash)reveal(location.hash);
    var b=e.target&&e.target.closest?e.target.closest('button[data-open]'):null;
    if(!b)return;
    var sel=b.getAttribute('data-open');
    document.querySelectorAll('details.check').forEach(function(d){d.open=sel==='all'||(sel==='problems'&&(d.classList.contains('failed')||d.classList.contains('warned')))});
  });
  reveal(location.hash);
})();
`
