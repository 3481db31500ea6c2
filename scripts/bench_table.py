"""The scale table of BENCHMARKS.md from scripts/bench_all.sh JSON lines:

    python3 scripts/bench_table.py target/bench-results-*.jsonl

Each cell: median ms wall / user + system ms / peak MB; a later line for the
same cell replaces an earlier one."""
import json,sys
rows=[json.loads(l) for f in sys.argv[1:] for l in open(f) if l.strip()]
def key(r):
    db=r['db']; cmd=r['cmd'].split()[0]
    if cmd=='import':
        n=r['cmd'].split('anki-')[1].split('.apkg')[0]; shape='anki'
    else:
        shape,n=db.replace('.sqlite','').replace('.partial','').split('-')
    return cmd,shape,int(n)
cells={}
for r in rows:
    cells[key(r)]=r
ops=[('next','`next --json`'),('review','`review`, to the first card'),('stats','`stats`'),('export','`export --format apkg --with-scheduling`'),('import',"`import` of Anki's package")]
sizes=[1000,10000,100000,1000000]
print("| operation | shape | 1k cards, 10k answers | 10k, 100k | 100k, 1M | 1M, 10M |")
print("|---|---|---|---|---|---|")
def fmt(x):
    return f"{x:,.1f}" if x<100 else f"{x:,.0f}"
for op,name in ops:
    for shape in ['anki','synthetic']:
        if op=='import' and shape=='synthetic': continue
        out=[]
        for n in sizes:
            r=cells.get((op,shape,n))
            out.append(f"{fmt(r['median_ms'])} / {fmt(r['user_ms']+r['sys_ms'])} / {r['max_rss_mb']:.0f}" if r else "—")
        print(f"| {name} | {shape} | "+" | ".join(out)+" |")
