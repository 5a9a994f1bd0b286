// Dashboard charts. plotly.js (the basic bundle, the portal's own fingerprinted and precompressed copy: MetricChart.razor
// passes its address) loads once, as a classic script like the page's others, on the first chart; it sets window.Plotly.
// Plotly.Blazor's own loader is not used: it asks for the package's files under their unfingerprinted names.

let plotly = null;
const drawn = new Set();

function load(src) {
  plotly ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(window.Plotly);
    script.onerror = () => {
      plotly = null;
      reject(new Error(`plotly.js did not load from ${src}`));
    };
    document.head.append(script);
  });
  return plotly;
}

// A responsive chart listens to window resizes until it is purged. A chart is disposed before the page drops its element,
// so charts whose elements are gone are purged at the next draw or disposal.
function purgeDetached() {
  for (const element of drawn) {
    if (!element.isConnected) {
      window.Plotly.purge(element);
      drawn.delete(element);
    }
  }
}

// Draws the figure ({ data, layout, config } as plotly.js reads them), or redraws the chart in place.
export async function draw(element, src, figure) {
  const Plotly = await load(src);
  purgeDetached();
  if (element?.isConnected) {
    await Plotly.react(element, figure.data, figure.layout, figure.config);
    drawn.add(element);
  }
}

export function purge() {
  if (window.Plotly) {
    purgeDetached();
  }
}
