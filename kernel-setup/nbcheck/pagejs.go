package main

// JavaScript evaluated in the page by the browser check. Each expression returns JSON-able values only.

// jsKernelReady is truthy once classic Notebook has loaded the notebook and connected to its kernel.
const jsKernelReady = `window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded &&
	Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`

// jsRunAll does what Cell → Run All does, after switching autosave off (the server refuses saves anyway)
// and the "leave page?" prompt, so closing the tab never waits for a person.
const jsRunAll = `(() => {
	Jupyter.notebook.set_autosave_interval(0);
	window.onbeforeunload = null;
	Jupyter.notebook.execute_all_cells();
	return true;
})()`

// jsRunState reports how far Run All has got: done is true when the kernel died, or when no cell is
// queued or running, the kernel is idle, and either every code cell has run or one showed an error (Run
// All stops there).
const jsRunState = `(() => {
	const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === "code");
	let running = 0, unrun = 0;
	for (const c of cells) {
		const n = c.input_prompt_number;
		if (n === "*") running++;
		else if ((n === null || n === undefined || n === " ") && c.get_text().trim() !== "") unrun++;
	}
	const errors = document.querySelectorAll(".output_error").length;
	const icon = document.getElementById("kernel_indicator_icon");
	const idle = !!icon && icon.classList.contains("kernel_idle_icon");
	const dead = !!icon && icon.classList.contains("kernel_dead_icon");
	return {done: dead || (idle && running === 0 && (unrun === 0 || errors > 0)), running, unrun, errors, idle, dead};
})()`

// jsNotebookJSON returns the notebook with its live outputs, in nbformat, for the output scan.
const jsNotebookJSON = `JSON.stringify(Jupyter.notebook.toJSON())`

// jsCharts reports every chart on the page: whether it has a canvas and how many of its pixels differ from
// the canvas's corner pixel (its background), the text of every .parlab-noscript line still visible, and
// every picture (chart.Picture) whose image did not load or is blank (fewer than 500 pixels unlike its
// corner).
const jsCharts = `(() => {
	const charts = Array.from(document.querySelectorAll(".parlab-chart")).map((box, i) => {
		const fig = box.closest(".parlab-figure");
		const r = {id: (fig && fig.id) || ("chart " + (i + 1)), canvases: 0, drawn: 0, err: ""};
		for (const c of box.querySelectorAll("canvas")) {
			r.canvases++;
			if (!c.width || !c.height) continue;
			try {
				const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
				const bg = [d[0], d[1], d[2], d[3]];
				for (let p = 0; p < d.length; p += 4) {
					if (Math.abs(d[p] - bg[0]) > 16 || Math.abs(d[p + 1] - bg[1]) > 16 ||
						Math.abs(d[p + 2] - bg[2]) > 16 || Math.abs(d[p + 3] - bg[3]) > 16) r.drawn++;
				}
			} catch (e) { r.err = String(e); }
		}
		return r;
	});
	const noscript = Array.from(document.querySelectorAll(".parlab-noscript"))
		.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden")
		.map(e => e.textContent.trim().slice(0, 160));
	// A picture counts as drawn when it loaded and at least 500 of its pixels differ from its corner
	// pixel, as a chart's canvas does (its data: URL is same-origin, so it can be read back).
	const blank = i => {
		try {
			const c = document.createElement("canvas");
			c.width = i.naturalWidth; c.height = i.naturalHeight;
			const g = c.getContext("2d");
			g.drawImage(i, 0, 0);
			const d = g.getImageData(0, 0, c.width, c.height).data;
			let n = 0;
			for (let p = 0; p < d.length && n < 500; p += 4) {
				if (Math.abs(d[p] - d[0]) > 16 || Math.abs(d[p + 1] - d[1]) > 16 || Math.abs(d[p + 2] - d[2]) > 16) n++;
			}
			return n < 500;
		} catch (e) { return true; }
	};
	const broken = Array.from(document.querySelectorAll(".parlab-picture img"))
		.filter(i => !(i.complete && i.naturalWidth > 0) || blank(i))
		.map(i => (i.getAttribute("alt") || "picture").slice(0, 80));
	return {charts, noscript, broken};
})()`

// jsUnfoldPage lets classic Notebook's scrolling #site box grow to its content, so a full-page screenshot
// shows the whole notebook instead of one screen of it.
const jsUnfoldPage = `(() => {
	const s = document.createElement("style");
	s.textContent = "html, body, #site { position: static !important; height: auto !important; overflow: visible !important; } #MathJax_Message { display: none !important; }";
	document.head.appendChild(s);
	return document.documentElement.scrollHeight;
})()`

// jsEditAndRun appends a comment to cell %d (so GoNB has new code to compile, as after a learner's edit;
// the page is never saved) and runs it.
const jsEditAndRun = `(() => {
	const c = Jupyter.notebook.get_cell(%d);
	c.set_text(c.get_text() + "\n// edited by nbcheck");
	Jupyter.notebook.execute_cells([%d]);
	return true;
})()`
