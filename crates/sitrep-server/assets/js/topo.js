// TopoJSON decoding: quantized, delta-encoded arcs become coordinates; geometries become
// polygons (arrays of rings of [lon, lat]).

/** Decodes every arc of a topology into absolute [lon, lat] positions. */
export function decodeArcs(topology) {
  const t = topology.transform;
  return topology.arcs.map((arc) => {
    if (!t) return arc.map((p) => [p[0], p[1]]);
    const [sx, sy] = t.scale;
    const [tx, ty] = t.translate;
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * sx + tx, y * sy + ty];
    });
  });
}

/** Joins the arcs of a ring; a negative index (~i) means arc i reversed. */
function ring(indexes, arcs) {
  const out = [];
  for (const i of indexes) {
    const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
    for (let k = out.length ? 1 : 0; k < arc.length; k++) out.push(arc[k]);
  }
  return out;
}

/** The features of a GeometryCollection: {id, name, polygons: [[ring, hole...]...]}. */
export function features(topology, objectName) {
  const arcs = decodeArcs(topology);
  const obj = topology.objects[objectName];
  if (!obj || !Array.isArray(obj.geometries)) return [];
  return obj.geometries.map((g) => {
    let polygons = [];
    if (g.type === 'Polygon') polygons = [g.arcs.map((r) => ring(r, arcs))];
    else if (g.type === 'MultiPolygon') polygons = g.arcs.map((p) => p.map((r) => ring(r, arcs)));
    return { id: g.id, name: g.properties ? g.properties.name : '', polygons };
  });
}

/** An SVG path for polygons under a projection [lon, lat] -> [x, y]. */
export function pathOf(polygons, project) {
  const parts = [];
  for (const poly of polygons) {
    for (const r of poly) {
      if (r.length < 2) continue;
      let d = '';
      for (let i = 0; i < r.length; i++) {
        const [x, y] = project(r[i]);
        d += (i === 0 ? 'M' : 'L') + x.toFixed(2) + ',' + y.toFixed(2);
      }
      parts.push(d + 'Z');
    }
  }
  return parts.join('');
}
