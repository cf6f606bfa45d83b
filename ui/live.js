// Imbalance Lab's live views: redraw in the browser while a slider moves,
// tell the server only when it is let go.
//
// ui/live.py mounts this module (Streamlit components v2, inline, no
// network) with `data` = { kind, labels, colors, slider, ... }. The arrays
// come from lib/studies/live.py, which documents the formulas redrawn here:
//   surface   Z(w0, w1) = w0·Z0 + w1·Z1 on a (slope, bias) grid, lowest cell marked
//   shares    each class's gradient norm scales with its weight at fixed parameters
//   boundary  fitted lines on a log grid of w1/w0, interpolated in between
//   path      gradient-descent paths on two loss surfaces, up to a step
//   ratio     the sidebar's weight-ratio slider alone
// Streamlit calls the default export again whenever `data` changes, with the
// same parentElement: the view is built once and then only updated.

export default function (component) {
  const { data, setStateValue, parentElement } = component;
  let view = parentElement.__liveView;
  if (!view) {
    view = parentElement.__liveView = buildView(parentElement, data, setStateValue);
  }
  view.update(data);
}

// ------------------------------------------------------------------ the view

function buildView(root, first, setStateValue) {
  const box = el("div", "live");
  box.dataset.kind = first.kind;
  const controls = el("div", "live-controls");
  const label = el("label", "live-label");
  const input = el("input", "live-range");
  input.type = "range";
  const id = `live-${first.kind}-${Math.random().toString(36).slice(2, 8)}`;
  input.id = id;
  label.htmlFor = id;
  const readout = el("output", "live-readout");
  readout.htmlFor = id;
  const marks = el("div", "live-marks");
  const track = el("div", "live-track");
  track.append(input, marks);
  controls.append(label, track, readout);
  const panels = el("div", "live-panels");
  const note = el("p", "live-note");
  box.append(controls, panels, note);
  root.appendChild(box);

  const state = { data: first, dragging: false, keyboard: false, timer: null, canvases: [] };

  // While the slider moves: redraw only. Letting go (or a pause after keys)
  // commits; the server reruns and sends new data to update() below.
  input.addEventListener("input", () => {
    state.value = Number(input.value);
    redraw();
  });
  input.addEventListener("pointerdown", () => {
    state.dragging = true;
    state.keyboard = false;
  });
  // A press that does not move the thumb fires no "change": end the drag here too.
  for (const type of ["pointerup", "pointercancel"]) {
    input.addEventListener(type, () => {
      state.dragging = false;
    });
  }
  // Keys move the value in steps a hand can count (the input's own step is
  // "any", so a committed ratio such as the balanced one is shown exactly).
  input.addEventListener("keydown", (event) => {
    const s = state.data.slider;
    const small = s.log ? 0.05 : 1;
    const big = s.log ? 0.5 : Math.max(1, Math.round((s.max - s.min) / 10));
    const moves = {
      ArrowRight: small, ArrowUp: small, ArrowLeft: -small, ArrowDown: -small,
      PageUp: big, PageDown: -big, Home: -Infinity, End: Infinity,
    };
    if (!(event.key in moves)) return;
    event.preventDefault();
    state.keyboard = true;
    const next = Math.min(s.max, Math.max(s.min, Number(input.value) + moves[event.key]));
    input.value = String(s.log ? Math.round(next * 100) / 100 : next);
    input.dispatchEvent(new Event("input"));
    input.dispatchEvent(new Event("change"));
  });
  input.addEventListener("change", () => {
    state.dragging = false;
    clearTimeout(state.timer);
    // Each arrow key fires "change": wait for a pause so one rerun follows a burst.
    state.timer = setTimeout(commit, state.keyboard ? 600 : 0);
  });

  function commit() {
    const s = state.data.slider;
    // A fresh object each time, so committing the same value twice still reruns.
    setStateValue(s.state, { value: Number(input.value), at: Date.now() });
  }

  function redraw() {
    const t0 = performance.now();
    const d = state.data;
    const s = d.slider;
    readout.textContent = sliderText(s, state.value);
    input.setAttribute("aria-valuetext", readout.textContent);
    DRAW[d.kind](d, state.value, state.canvases, note);
    box.dataset.drawMs = (performance.now() - t0).toFixed(2);
    box.dataset.value = String(state.value);
  }

  // Reading layout or computed style forces the browser to lay the page out:
  // done once per update or resize, never per frame.
  function measure() {
    for (const slot of state.canvases) {
      const css = getComputedStyle(slot.canvas);
      slot.width = Math.max(240, slot.figure.clientWidth || 480);
      slot.ink = css.color;
      slot.font = css.fontFamily;
      // Projector mode enlarges the root font (20 px instead of 16): canvas text follows.
      slot.scale = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    }
  }
  new ResizeObserver(() => {
    measure();
    redraw();
  }).observe(panels);

  function update(d) {
    state.data = d;
    const s = d.slider;
    label.textContent = s.label;
    input.min = s.min;
    input.max = s.max;
    input.step = s.log ? "any" : s.step;
    input.setAttribute("aria-label", s.label);
    if (!state.dragging) {
      input.value = s.value;
      state.value = Number(input.value);
    }
    drawMarks(marks, s);
    const count = d.panels ? d.panels.length : 0;
    while (state.canvases.length < count) {
      const figure = el("figure", "live-panel");
      const canvas = el("canvas", "live-canvas");
      canvas.setAttribute("role", "img");
      const caption = el("figcaption", "live-caption");
      figure.append(canvas, caption);
      panels.appendChild(figure);
      state.canvases.push({ figure, canvas, caption });
    }
    while (state.canvases.length > count) state.canvases.pop().figure.remove();
    panels.style.display = count ? "" : "none";
    measure();
    box.dataset.committed = String(s.value);
    redraw();
  }

  return { update };
}

function sliderText(s, value) {
  if (s.log) {
    const r = Math.pow(10, value);
    return `${s.symbol} = ${fmt(r)}`;
  }
  return `${s.symbol} = ${Math.round(value)}`;
}

// Named ticks under the track (the balanced ratio, 1:1), placed by value.
function drawMarks(marks, s) {
  marks.replaceChildren();
  for (const m of s.marks || []) {
    const tick = el("span", "live-mark");
    const at = (m.value - s.min) / (s.max - s.min);
    tick.style.left = `${(100 * Math.min(1, Math.max(0, at))).toFixed(2)}%`;
    tick.textContent = `▲ ${m.label}`;
    marks.appendChild(tick);
  }
}

// ------------------------------------------------------------------ drawing by kind

const DRAW = {
  ratio: () => null,

  surface(d, value, slots, note) {
    const w0 = d.w0;
    const w1 = w0 * Math.pow(10, value);
    d.panels.forEach((panel, k) => {
      const weights = panel.live ? [w0, w1] : panel.weights;
      const low = argmin(mix(d.z0, d.z1, weights[0], weights[1]));
      const at = [d.slopes[low % d.slopes.length], d.biases[Math.floor(low / d.slopes.length)]];
      const title = panel.live ? weightedTitle(d, value) : panel.title;
      const frame = heatmapFrame(slots[k], d, weights, title);
      frame.ring(at[0], at[1], d.colors.highlight);
      const text = d.labels.lowest.replace("{a}", at[0].toFixed(2)).replace("{b}", at[1].toFixed(2));
      setText(slots[k].caption, text);
      slots[k].canvas.setAttribute("aria-label", `${title}. ${text}`);
      slots[k].figure.dataset.lowest = `${at[0]},${at[1]}`;
    });
    setText(note, d.labels.note);
  },

  path(d, value, slots, note) {
    const step = Math.round(value);
    d.panels.forEach((panel, k) => {
      const frame = heatmapFrame(slots[k], d, panel.weights, panel.title);
      const path = panel.path;
      frame.polyline(path.slice(0, step + 1), d.colors.path, 2.5);
      const [a, b] = path[step];
      frame.dot(a, b, 6, d.colors.path, d.colors.outline);
      const end = path[path.length - 1];
      frame.ring(end[0], end[1], d.colors.highlight);
      const text = d.labels.at_step
        .replace("{step}", step)
        .replace("{a}", a.toFixed(2))
        .replace("{b}", b.toFixed(2));
      setText(slots[k].caption, text);
      slots[k].canvas.setAttribute("aria-label", `${panel.title}. ${text}`);
      slots[k].figure.dataset.point = `${a},${b}`;
    });
    setText(note, d.labels.note);
  },

  shares(d, value, slots, note) {
    const w0 = d.w0;
    const w1 = w0 * Math.pow(10, value);
    const groups = d.groups.map((g) => {
      if (!g.live) return g;
      const n0 = (w0 / g.w0) * g.norm0;
      const n1 = (w1 / g.w1) * g.norm1;
      const total = n0 + n1;
      return { ...g, norm0: n0, norm1: n1, share1: total > 0 ? n1 / total : 0.5 };
    });
    barChart(slots[0], d, groups);
    const live = groups.find((g) => g.live);
    const text = d.labels.share.replace("{share}", (100 * live.share1).toFixed(2));
    setText(slots[0].caption, text);
    slots[0].canvas.setAttribute("aria-label", `${d.labels.title}. ${text}`);
    slots[0].figure.dataset.share = String(live.share1);
    setText(note, d.labels.note);
  },

  boundary(d, value, slots, note) {
    // At the committed ratio the server's own fit is drawn; elsewhere the interpolation.
    const exact = d.exact && Math.abs(value - d.exact.log_ratio) < 5e-4;
    const [coef, intercept] = exact ? [d.exact.coef, d.exact.intercept] : interpolate(d.path, value);
    const frame = frameFor(slots[0], d.x_range, d.y_range, weightedTitle(d, value));
    probabilityImage(slots[0], frame, coef, intercept, d.colors);
    frame.axes(d.labels.x, d.labels.y);
    pointsLayer(slots[0], frame, d);
    frame.line(d.plain.coef, d.plain.intercept, d.colors.plain, [2, 4]);
    frame.line(coef, intercept, d.colors.weighted, []);
    frame.legend([
      [d.labels.line_weighted, d.colors.weighted, []],
      [d.labels.line_plain, d.colors.plain, [2, 4]],
    ]);
    const text = d.labels.line_at
      .replace("{c0}", coef[0].toFixed(3))
      .replace("+ {c1}", signed(coef[1]))
      .replace("+ {b}", signed(intercept));
    setText(slots[0].caption, text);
    slots[0].canvas.setAttribute("aria-label", `${weightedTitle(d, value)}. ${text}`);
    slots[0].figure.dataset.line = `${coef[0]},${coef[1]},${intercept}`;
    setText(note, d.labels.note);
  },
};

// "Weighted loss (w0 = …, w1 = …)" for the slider's ratio, w0 kept as committing keeps it.
function weightedTitle(d, value) {
  const w1 = d.w0 * Math.pow(10, value);
  return d.labels.weighted_title.replace("{w0}", fmt(d.w0)).replace("{w1}", fmt(w1));
}

// The fitted path is linear between grid points in log10(w1/w0), clipped at its ends.
function interpolate(path, u) {
  const t = path.log_ratios;
  let k = 0;
  while (k < t.length - 2 && u > t[k + 1]) k += 1;
  const f = Math.min(1, Math.max(0, (u - t[k]) / (t[k + 1] - t[k])));
  const coef = path.coefs[k].map((c, j) => c + f * (path.coefs[k + 1][j] - c));
  const b = path.intercepts[k] + f * (path.intercepts[k + 1] - path.intercepts[k]);
  return [coef, b];
}

function mix(z0, z1, w0, w1) {
  const z = new Float64Array(z0.length);
  for (let i = 0; i < z.length; i += 1) z[i] = w0 * z0[i] + w1 * z1[i];
  return z;
}

function argmin(z) {
  let best = 0;
  for (let i = 1; i < z.length; i += 1) if (z[i] < z[best]) best = i;
  return best;
}

// ------------------------------------------------------------------ canvas frames

const MARGIN = { left: 56, right: 16, top: 34, bottom: 44 };

// A plot area with data coordinates; returns drawing helpers in data units.
function frameFor(slot, xRange, yRange, titleText) {
  const canvas = slot.canvas;
  const width = slot.width;
  // A full-width panel (a lesson's bars) would be taller than a screen: capped.
  const height = Math.round(Math.min(width * 0.78, 460));
  const ratio = window.devicePixelRatio || 1;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0); // draw in CSS pixels, sharp on any screen
  ctx.clearRect(0, 0, width, height);
  const ink = slot.ink;
  const font = slot.font;
  const u = (n) => n * (slot.scale || 1); // lengths of text and margins, in scaled pixels
  const plot = {
    x: u(MARGIN.left),
    y: u(MARGIN.top),
    w: width - u(MARGIN.left + MARGIN.right),
    h: height - u(MARGIN.top + MARGIN.bottom),
  };
  const X = (v) => plot.x + ((v - xRange[0]) / (xRange[1] - xRange[0])) * plot.w;
  const Y = (v) => plot.y + plot.h - ((v - yRange[0]) / (yRange[1] - yRange[0])) * plot.h;
  ctx.fillStyle = ink;
  ctx.font = `600 ${u(15)}px ${font}`;
  ctx.fillText(titleText, plot.x, u(20), plot.w);
  const frame = {
    ctx,
    plot,
    X,
    Y,
    u,
    invX: (px) => xRange[0] + ((px - plot.x) / plot.w) * (xRange[1] - xRange[0]),
    invY: (py) => yRange[0] + ((plot.y + plot.h - py) / plot.h) * (yRange[1] - yRange[0]),
    axes(xLabel, yLabel) {
      ctx.strokeStyle = ink;
      ctx.lineWidth = 1;
      ctx.strokeRect(plot.x, plot.y, plot.w, plot.h);
      ctx.font = `${u(13)}px ${font}`;
      ctx.fillStyle = ink;
      ctx.textAlign = "center";
      for (const v of ticks(xRange)) ctx.fillText(tickText(v), X(v), plot.y + plot.h + u(16));
      ctx.fillText(xLabel, plot.x + plot.w / 2, plot.y + plot.h + u(36));
      ctx.textAlign = "right";
      for (const v of ticks(yRange)) ctx.fillText(tickText(v), plot.x - 6, Y(v) + u(4));
      ctx.save();
      ctx.translate(u(14), plot.y + plot.h / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = "center";
      ctx.fillText(yLabel, 0, 0);
      ctx.restore();
      ctx.textAlign = "left";
    },
    clip(fn) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(plot.x, plot.y, plot.w, plot.h);
      ctx.clip();
      fn();
      ctx.restore();
    },
    ring(a, b, color) {
      frame.clip(() => {
        ctx.lineWidth = 3;
        ctx.strokeStyle = color;
        ctx.beginPath();
        ctx.arc(X(a), Y(b), 9, 0, 2 * Math.PI);
        ctx.stroke();
      });
    },
    dot(a, b, r, fill, outline) {
      frame.clip(() => {
        ctx.fillStyle = fill;
        ctx.strokeStyle = outline;
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(X(a), Y(b), r, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      });
    },
    polyline(points, color, lineWidth) {
      frame.clip(() => {
        ctx.strokeStyle = color;
        ctx.lineWidth = lineWidth;
        ctx.beginPath();
        points.forEach(([a, b], i) => (i ? ctx.lineTo(X(a), Y(b)) : ctx.moveTo(X(a), Y(b))));
        ctx.stroke();
      });
    },
    // The line coef·x + intercept = 0 across the plot (a model's 0.5 boundary).
    line(coef, intercept, color, dash) {
      const [c0, c1] = coef;
      let ends;
      if (Math.abs(c1) > Math.abs(c0)) {
        ends = xRange.map((x) => [x, -(c0 * x + intercept) / c1]);
      } else if (c0 !== 0) {
        ends = yRange.map((y) => [-(c1 * y + intercept) / c0, y]);
      } else return;
      frame.clip(() => {
        ctx.setLineDash(dash);
        ctx.strokeStyle = color;
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.moveTo(X(ends[0][0]), Y(ends[0][1]));
        ctx.lineTo(X(ends[1][0]), Y(ends[1][1]));
        ctx.stroke();
        ctx.setLineDash([]);
      });
    },
    // Onto ``target`` (a layer's context) or the frame's own canvas.
    points(pts, colors, target = ctx) {
      target.save();
      target.beginPath();
      target.rect(plot.x, plot.y, plot.w, plot.h);
      target.clip();
      for (const cls of [0, 1]) {
        target.fillStyle = colors.classes[cls];
        const r = cls ? 3.2 : 2;
        target.beginPath();
        for (let i = 0; i < pts.x.length; i += 1) {
          if (pts.cls[i] !== cls) continue;
          target.moveTo(X(pts.x[i]) + r, Y(pts.y[i]));
          target.arc(X(pts.x[i]), Y(pts.y[i]), r, 0, 2 * Math.PI);
        }
        target.fill();
      }
      target.restore();
    },
    legend(items) {
      ctx.font = `${u(13)}px ${font}`;
      let x = plot.x + 8;
      let y = plot.y + u(16);
      for (const [text, color, dash] of items) {
        ctx.fillStyle = "rgba(255,255,255,0.85)";
        const w = ctx.measureText(text).width + 34;
        if (x > plot.x + 8 && x + w > plot.x + plot.w) {
          x = plot.x + 8; // no room left on this line (large type): the next one
          y += u(20);
        }
        ctx.fillRect(x - 4, y - u(12), w, u(18));
        ctx.setLineDash(dash);
        ctx.strokeStyle = color;
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.moveTo(x, y - 3);
        ctx.lineTo(x + 22, y - 3);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = ink;
        ctx.fillText(text, x + 26, y + 1);
        x += w + 6;
      }
    },
  };
  return frame;
}

// A loss surface as a log10-scaled Viridis image with a colour bar.
// The image is kept per panel and rebuilt only when its data or weights change,
// so a step scrubber redraws just the path.
function heatmapFrame(slot, d, weights, titleText) {
  const S = d.slopes.length;
  const B = d.biases.length;
  const xRange = [d.slopes[0], d.slopes[S - 1]];
  const yRange = [d.biases[0], d.biases[B - 1]];
  const frame = frameFor(slot, xRange, yRange, titleText);
  if (slot.imageData !== d || slot.imageWeights !== `${weights}`) {
    slot.offscreen = surfaceImage(mix(d.z0, d.z1, weights[0], weights[1]), S, B);
    slot.imageData = d;
    slot.imageWeights = `${weights}`;
  }
  const { ctx, plot } = frame;
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(slot.offscreen, plot.x, plot.y, plot.w, plot.h);
  frame.axes(d.labels.slope, d.labels.bias);
  return frame;
}

function surfaceImage(z, S, B) {
  let lo = Infinity;
  let hi = -Infinity;
  const logs = new Float64Array(z.length);
  for (let i = 0; i < z.length; i += 1) {
    logs[i] = Math.log10(Math.max(z[i], 1e-300));
    if (logs[i] < lo) lo = logs[i];
    if (logs[i] > hi) hi = logs[i];
  }
  const image = new ImageData(S, B);
  for (let i = 0; i < B; i += 1) {
    for (let j = 0; j < S; j += 1) {
      const [r, g, b] = viridis((logs[i * S + j] - lo) / (hi - lo || 1));
      const p = 4 * ((B - 1 - i) * S + j); // rows of z go up in bias; image rows go down
      image.data[p] = r;
      image.data[p + 1] = g;
      image.data[p + 2] = b;
      image.data[p + 3] = 255;
    }
  }
  const off = document.createElement("canvas");
  off.width = S;
  off.height = B;
  off.getContext("2d").putImageData(image, 0, 0);
  return off;
}

// P(class 1) of a linear model as a class-0 → white → class-1 image (60 × 60 cells).
function probabilityImage(slot, frame, coef, intercept, colors) {
  const N = 60;
  const { ctx, plot } = frame;
  const image = new ImageData(N, N);
  const lo = rgb(colors.classes[0]);
  const hi = rgb(colors.classes[1]);
  for (let i = 0; i < N; i += 1) {
    for (let j = 0; j < N; j += 1) {
      const x = frame.invX(plot.x + ((j + 0.5) / N) * plot.w);
      const y = frame.invY(plot.y + ((i + 0.5) / N) * plot.h);
      const p = 1 / (1 + Math.exp(-(coef[0] * x + coef[1] * y + intercept)));
      const [end, t] = p < 0.5 ? [lo, 1 - 2 * p] : [hi, 2 * p - 1];
      const q = 4 * (i * N + j);
      for (let c = 0; c < 3; c += 1) image.data[q + c] = 255 + 0.55 * t * (end[c] - 255);
      image.data[q + 3] = 255;
    }
  }
  const off = slot.probability || (slot.probability = document.createElement("canvas"));
  off.width = N;
  off.height = N;
  off.getContext("2d").putImageData(image, 0, 0);
  ctx.drawImage(off, plot.x, plot.y, plot.w, plot.h);
}

// The training points do not move with the slider: drawn once per data and size
// into a layer of the canvas's size, then copied each frame.
function pointsLayer(slot, frame, d) {
  const { canvas } = slot;
  if (slot.pointsData !== d || slot.pointsWidth !== canvas.width || slot.pointsScale !== slot.scale) {
    const layer = slot.pointsCanvas || (slot.pointsCanvas = document.createElement("canvas"));
    layer.width = canvas.width;
    layer.height = canvas.height;
    const ctx = layer.getContext("2d");
    const ratio = canvas.width / slot.width;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    frame.points(d.points, d.colors, ctx);
    slot.pointsData = d;
    slot.pointsWidth = canvas.width;
    slot.pointsScale = slot.scale;
  }
  const { ctx } = frame;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(slot.pointsCanvas, 0, 0);
  ctx.restore();
}

// Grouped bars of each class's gradient norm per run, the class-1 share above each group.
function barChart(slot, d, groups) {
  const top = Math.max(...groups.flatMap((g) => [g.norm0, g.norm1])) * 1.15 || 1;
  const frame = frameFor(slot, [0, groups.length], [0, top], d.labels.title);
  const { ctx, plot, X, Y } = frame;
  ctx.font = `${frame.u(13)}px ${slot.font}`;
  groups.forEach((g, k) => {
    [g.norm0, g.norm1].forEach((v, cls) => {
      const left = X(k + 0.18 + cls * 0.32);
      const right = X(k + 0.18 + (cls + 1) * 0.32) - 4;
      ctx.fillStyle = d.colors.classes[cls];
      ctx.fillRect(left, Y(v), right - left, Y(0) - Y(v));
      ctx.fillStyle = slot.ink;
      ctx.textAlign = "center";
      ctx.fillText(fmt(v), (left + right) / 2, Y(v) - 4);
    });
    const share = d.labels.share_short.replace("{share}", (100 * g.share1).toFixed(2));
    ctx.fillText(g.label, X(k + 0.5), plot.y + plot.h + frame.u(16));
    ctx.fillText(share, X(k + 0.5), plot.y + plot.h + frame.u(34));
  });
  ctx.textAlign = "left";
  ctx.strokeStyle = slot.ink;
  ctx.strokeRect(plot.x, plot.y, plot.w, plot.h);
  frame.legend([
    [d.labels.class0, d.colors.classes[0], []],
    [d.labels.class1, d.colors.classes[1], []],
  ]);
}

// ------------------------------------------------------------------ small helpers

// Writing unchanged text still costs the browser a layout pass: skip it.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function el(tag, className) {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(4)).toLocaleString("en-US", { maximumSignificantDigits: 4 });
}

function ticks([lo, hi]) {
  const span = hi - lo;
  const step = Math.pow(10, Math.floor(Math.log10(span / 4)));
  const unit = [1, 2, 5, 10].map((m) => m * step).find((s) => span / s <= 6) || 10 * step;
  const out = [];
  for (let v = Math.ceil(lo / unit) * unit; v <= hi + 1e-9; v += unit) out.push(v);
  return out;
}

function signed(v) {
  return `${v < 0 ? "−" : "+"} ${Math.abs(v).toFixed(3)}`;
}

function tickText(v) {
  return Math.abs(v) < 1e-9 ? "0" : fmt(v);
}

function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// Viridis (matplotlib's, as plotly draws it): ten stops, interpolated linearly.
const VIRIDIS = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

function viridis(t) {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const k = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - k;
  return VIRIDIS[k].map((c, i) => c + f * (VIRIDIS[k + 1][i] - c));
}
