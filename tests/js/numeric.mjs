// Shared by the playground's maths tests: how far a network's analytic
// gradients are from central differences of the loss L() (h = 1e-6).
export function maxGradientError(net, grads, L) {
  let err = 0;
  net.layers.forEach((layer, l) => ["W", "b"].forEach(k => layer[k].forEach((v, i) => {
    const h = 1e-6;
    layer[k][i] = v + h; const up = L();
    layer[k][i] = v - h; const down = L();
    layer[k][i] = v;
    err = Math.max(err, Math.abs((up - down) / (2 * h) - grads[l][k][i]));
  })));
  return err;
}
