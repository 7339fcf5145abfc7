// Chart interop for the DashboardChart component (ADR 17). Draws a chart spec (categories, drill keys, series) with the
// vendored Apache ECharts (wwwroot/lib/echarts, loaded on first use) in large type for a projector, and reports a click
// on a bar/point/segment back to .NET with the element's drill-down key.

let loading = null;

function ensureECharts() {
    if (window.echarts) {
        return Promise.resolve(window.echarts);
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = '/lib/echarts/echarts.min.js';
        script.onload = () => resolve(window.echarts);
        script.onerror = () => { loading = null; reject(new Error('ECharts could not be loaded')); };
        document.head.appendChild(script);
    });
    return loading;
}

const palette = ['#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#ad1457', '#9e9d24', '#455a64', '#283593'];
const font = 16;

function option(spec) {
    const series = spec.series.filter(s => !s.tableOnly);
    const base = {
        color: palette,
        textStyle: { fontSize: font, fontFamily: '"Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' },
        tooltip: { trigger: spec.kind === 'funnel' ? 'item' : 'axis', textStyle: { fontSize: font }, axisPointer: { type: 'shadow' } },
        legend: { top: 0, textStyle: { fontSize: font - 1 }, type: 'scroll' },
        animationDuration: 300,
    };
    if (spec.kind === 'funnel') {
        return {
            ...base,
            legend: { show: false },
            series: [{
                type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 10, bottom: 10, minSize: '12%', gap: 3,
                label: { show: true, position: 'inside', fontSize: font + 2, color: '#fff', formatter: '{b}：{c}' },
                data: spec.categories.map((c, i) => ({ name: c, value: series[0].values[i], key: spec.keys[i] })),
            }],
        };
    }
    const horizontal = spec.kind.startsWith('hbar');
    const category = {
        type: 'category', data: spec.categories,
        axisLabel: { fontSize: font - 1, interval: 0, width: horizontal ? 210 : 110, overflow: 'truncate', rotate: !horizontal && spec.categories.length > 8 ? 30 : 0 },
        inverse: horizontal,
    };
    const value = { type: 'value', minInterval: 1, axisLabel: { fontSize: font - 1 } };
    return {
        ...base,
        grid: { left: 12, right: 24, top: 48, bottom: 8, containLabel: true },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: series.map(s => ({
            name: s.name,
            type: spec.kind === 'line' ? 'line' : 'bar',
            stack: s.stack ?? undefined,
            data: s.values,
            smooth: spec.kind === 'line',
            symbolSize: 9,
            lineStyle: spec.kind === 'line' ? { width: 3 } : undefined,
            barMaxWidth: 36,
            label: { show: !s.stack && spec.categories.length <= 12 && series.length <= 3, position: horizontal ? 'right' : 'top', fontSize: font - 2 },
        })),
    };
}

const charts = new WeakMap();

export async function render(element, spec, dotnet) {
    const echarts = await ensureECharts();
    let chart = charts.get(element);
    if (!chart) {
        chart = echarts.init(element, null, { renderer: 'canvas' });
        charts.set(element, chart);
        const send = key => {
            if (key !== undefined && key !== null) {
                dotnet.invokeMethodAsync('OnChartClick', String(key));
            }
        };
        // Funnel: a click on a segment. Bars and lines: a click anywhere in a category's band (easier on a projector).
        chart.on('click', p => {
            if (element.__kind === 'funnel') {
                send(p.data?.key ?? element.__keys?.[p.dataIndex]);
            }
        });
        chart.getZr().on('click', e => {
            if (element.__kind === 'funnel') {
                return;
            }
            const point = [e.offsetX, e.offsetY];
            if (!chart.containPixel('grid', point)) {
                return;
            }
            const [a, b] = chart.convertFromPixel('grid', point);
            const index = Math.round(element.__kind.startsWith('hbar') ? b : a);
            send(element.__keys?.[index]);
        });
        new ResizeObserver(() => chart.resize()).observe(element);
    }
    element.__keys = spec.keys;
    element.__kind = spec.kind;
    chart.setOption(option(spec), true);
    element.dataset.rendered = 'true';
}

export function dispose(element) {
    const chart = charts.get(element);
    if (chart) {
        chart.dispose();
        charts.delete(element);
    }
}
