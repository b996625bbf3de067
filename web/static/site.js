/* site.js - what scripts add to the planwatch pages, which work without them:
 * charts (ECharts, aria enabled) drawn from the table beside each chart,
 * filtering of the indicator list in place, and the signed-in forms, sent to the
 * JSON API (docs/api.md) with the session's CSRF token. */
(function () {
	'use strict';
	var STATUS_COLORS = { met: '#2e7d32', achieved_early: '#1b5e20', ahead: '#1565c0',
		on_track: '#42a5f5', lagging: '#ef6c00', not_met: '#c62828',
		not_assessable: '#9e9e9e', no_data: '#bdbdbd' };

	function num(text) {
		var v = parseFloat(String(text).replace(/[^0-9.\-]/g, ''));
		return isFinite(v) ? v : null;
	}
	function cells(tr) { return Array.prototype.slice.call(tr.children); }
	function rows(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

	function statusChart(table) {
		var rs = rows(table);
		return {
			tooltip: {}, grid: { left: 110, right: 20, top: 10, bottom: 20 },
			xAxis: { type: 'value', minInterval: 1 },
			yAxis: { type: 'category', inverse: true, data: rs.map(function (r) { return r.cells[0].textContent; }) },
			series: [{ type: 'bar', name: '指标数', label: { show: true, position: 'right' },
				data: rs.map(function (r) {
					return { value: num(r.cells[1].textContent),
						itemStyle: { color: STATUS_COLORS[r.getAttribute('data-key')] || '#888' } };
				}) }]
		};
	}

	function stackChart(table) {
		var heads = cells(table.tHead.rows[0]).slice(2), rs = rows(table);
		var series = heads.map(function (h, i) {
			return { type: 'bar', stack: 'all', name: h.textContent,
				itemStyle: { color: STATUS_COLORS[h.getAttribute('data-key')] },
				data: rs.map(function (r) { return num(r.cells[i + 2].textContent); }) };
		}).filter(function (s) { return s.data.some(function (v) { return v > 0; }); });
		return {
			tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
			grid: { left: 80, right: 20, top: 10, bottom: 60 },
			xAxis: { type: 'value', minInterval: 1 },
			yAxis: { type: 'category', inverse: true, data: rs.map(function (r) { return r.cells[0].textContent; }) },
			series: series
		};
	}

	function pathChart(table) {
		var rs = rows(table), years = rs.map(function (r) { return r.cells[0].textContent; });
		function col(i) { return rs.map(function (r) { return num(r.cells[i].textContent); }); }
		var actual = rs.map(function (r) {
			var v = num(r.cells[1].textContent);
			if (v === null) return null;
			// an estimate (预计): another symbol, labelled
			return r.getAttribute('data-estimated') ? { value: v, symbol: 'diamond', symbolSize: 13,
				itemStyle: { color: '#ef6c00' }, label: { show: true, position: 'top', formatter: '预计' } } : v;
		});
		return {
			tooltip: { trigger: 'axis' }, legend: { bottom: 0 },
			grid: { left: 60, right: 20, top: 20, bottom: 50 },
			xAxis: { type: 'category', data: years },
			yAxis: { type: 'value', scale: true },
			series: [
				{ type: 'line', name: '实际值（菱形为预计数）', data: actual, connectNulls: true,
					symbolSize: 8, itemStyle: { color: '#c62828' } },
				{ type: 'line', name: '预期路径', data: col(2), connectNulls: true,
					lineStyle: { type: 'dashed' }, itemStyle: { color: '#1565c0' } },
				{ type: 'line', name: '目标值', data: col(3), symbol: 'none',
					lineStyle: { type: 'dotted', width: 2 }, itemStyle: { color: '#2e7d32' } }
			]
		};
	}

	function drawCharts() {
		if (!window.echarts) return;
		var kinds = { status: statusChart, stack: stackChart, path: pathChart };
		document.querySelectorAll('.chart').forEach(function (div) {
			var table = document.getElementById(div.getAttribute('data-table'));
			var make = kinds[div.getAttribute('data-chart')];
			if (!table || !make) return;
			var option = make(table);
			option.aria = { enabled: true, label: { description: div.getAttribute('aria-label') } };
			option.animation = false;
			var chart = window.echarts.init(div, null, { renderer: 'svg' });
			chart.setOption(option);
			div.setAttribute('data-rendered', '1');
			window.addEventListener('resize', function () { chart.resize(); });
		});
	}

	/* The indicator list in a static copy has no server to filter it: apply the
	 * query arguments to the rows' data attributes here. */
	function filterRows() {
		var list = document.getElementById('indicator-list');
		if (!list) return;
		var q = new URLSearchParams(location.search), keys = ['status', 'attribute', 'category', 'unit'];
		rows(list.querySelector('table')).forEach(function (tr) {
			var ok = keys.every(function (k) {
				var want = q.get(k);
				return !want || tr.getAttribute('data-' + k) === want;
			});
			if (!ok) tr.hidden = true;
		});
	}

	function csrf() {
		var m = document.querySelector('meta[name="csrf-token"]');
		return m ? m.getAttribute('content') : '';
	}

	function api(method, url, body) {
		var headers = { 'Content-Type': 'application/json' };
		if (method !== 'GET') headers['X-CSRF-Token'] = csrf();
		return fetch(url, { method: method, headers: headers, credentials: 'same-origin',
			body: body ? JSON.stringify(body) : undefined })
			.then(function (resp) {
				return resp.text().then(function (t) {
					var j = null;
					try { j = t ? JSON.parse(t) : null; } catch (e) { j = null; }
					return { status: resp.status, body: j };
				});
			});
	}

	function setupLogin() {
		var form = document.getElementById('login');
		if (!form) return;
		form.addEventListener('submit', function (ev) {
			ev.preventDefault();
			api('POST', '/api/session', { username: form.username.value, password: form.password.value })
				.then(function (r) {
					if (r.status === 200) location.href = '/me';
					else document.getElementById('login-error').textContent = (r.body && r.body.error) || '登录失败';
				});
		});
	}

	function setupLogout() {
		var b = document.getElementById('logout');
		if (!b) return;
		b.addEventListener('click', function () {
			api('DELETE', '/api/session').then(function () { location.href = '/'; });
		});
	}

	/* Which field a validation message is about (the messages name it). */
	function fieldOf(msg) {
		if (/合理范围|limits the planning office/.test(msg)) return 'value';
		if (/unit|单位/.test(msg)) return 'unit';
		if (/year|年份|period|规划期|年不在/.test(msg)) return 'year';
		if (/source|来源/.test(msg)) return 'source';
		return 'value';
	}

	/* The supporting document chosen in an entry form, after its value. */
	function upload(form, id, year) {
		var file = form.document && form.document.files[0], out = document.getElementById('e' + id + '-document');
		if (!file) return;
		if (file.size > 1024 * 1024) { out.textContent = '文件超过 1 MB，未上传'; return; }
		fetch('/api/indicators/' + id + '/documents?year=' + encodeURIComponent(year), {
			method: 'POST', credentials: 'same-origin', body: file,
			headers: { 'X-CSRF-Token': csrf(), 'X-Filename': encodeURIComponent(file.name),
				'Content-Type': 'application/octet-stream' }
		}).then(function (resp) {
			return resp.json().then(function (j) {
				out.textContent = resp.status === 201 ? '' : (j.error || ('错误 ' + resp.status));
				if (resp.status === 201) document.getElementById('m' + id).textContent += ' 材料已上传。';
			});
		});
	}

	function setupEntry() {
		document.querySelectorAll('form.entry').forEach(function (form) {
			var id = form.getAttribute('data-indicator');
			function err(name) { return document.getElementById('e' + id + '-' + name); }
			form.addEventListener('submit', function (ev) {
				ev.preventDefault();
				form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; });
				form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
				document.getElementById('m' + id).textContent = '';
				var body = { indicator_id: Number(id), year: form.year.value, value: form.value.value,
					unit: form.unit.value || null, source: form.source.value || null,
					note: form.note.value || null, estimated: form.estimated.checked };
				api('POST', '/api/observations', body).then(function (r) {
					if (r.status === 201) {
						document.getElementById('m' + id).textContent = '已提交，等待规划部门审核。';
						upload(form, id, body.year);
						// accepted oddities (far from the previous years): shown at the value
						(r.body.warnings || []).forEach(function (m) { err('value').textContent += '提示：' + m + ' '; });
						return;
					}
					if (r.status === 422 && r.body && r.body.errors) {
						r.body.errors.forEach(function (m) {
							var f = fieldOf(m);
							err(f).textContent += m + ' ';
							form[f].setAttribute('aria-invalid', 'true');
						});
						return;
					}
					err('form').textContent = (r.body && r.body.error) || ('错误 ' + r.status);
				});
			});
		});
	}

	function setupProgress() {
		document.querySelectorAll('form.progress').forEach(function (form) {
			var id = form.getAttribute('data-project');
			function err(name) { return document.getElementById('pe' + id + '-' + name); }
			form.addEventListener('submit', function (ev) {
				ev.preventDefault();
				form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; });
				document.getElementById('pm' + id).textContent = '';
				var pct = form.percent.value.trim();
				api('POST', '/api/progress', { project_id: Number(id), year: Number(form.year.value),
					status: form.status.value, percent: pct === '' ? null : Number(pct),
					note: form.note.value || null }).then(function (r) {
					if (r.status === 201) {
						document.getElementById('pm' + id).textContent = '已提交，等待规划部门审核。';
					} else if (r.status === 422 && r.body && r.body.field && err(r.body.field)) {
						err(r.body.field).textContent = r.body.errors.join(' ');
					} else {
						err('form').textContent = (r.body && r.body.error) || ('错误 ' + r.status);
					}
				});
			});
		});
	}

	/* Administration forms: their fields as a JSON object to data-api. */
	function setupAdmin() {
		document.querySelectorAll('form.admin').forEach(function (form) {
			form.addEventListener('submit', function (ev) {
				ev.preventDefault();
				var body = {}, out = form.querySelector('.field-error'), ok = form.querySelector('.ok');
				Array.prototype.forEach.call(form.elements, function (el) {
					if (!el.name || el.value === '') return;
					body[el.name] = el.type === 'number' ? Number(el.value) : el.value;
				});
				out.textContent = ok.textContent = '';
				api('POST', form.getAttribute('data-api'), body).then(function (r) {
					if (r.status === 200 || r.status === 201) ok.textContent = '已保存。';
					else if (r.status === 422 && r.body && r.body.errors) out.textContent = r.body.errors.join(' ');
					else out.textContent = (r.body && r.body.error) || ('错误 ' + r.status);
				});
			});
		});
		document.querySelectorAll('button.disable-user').forEach(function (b) {
			b.addEventListener('click', function () {
				api('POST', '/api/users/disable', { username: b.getAttribute('data-user') }).then(function (r) {
					b.parentNode.previousElementSibling.textContent = r.status === 200 ? '已停用' : ((r.body && r.body.error) || r.status);
					if (r.status === 200) b.remove();
				});
			});
		});
	}

	function setupReview() {
		document.querySelectorAll('form.review').forEach(function (form) {
			form.addEventListener('submit', function (ev) {
				ev.preventDefault();
				var approve = ev.submitter && ev.submitter.name === 'approve';
				var id = form.getAttribute('data-obs'), out = form.querySelector('.field-error');
				var base = form.getAttribute('data-kind') === 'progress' ? '/api/progress/' : '/api/observations/';
				api('POST', base + id + (approve ? '/approve' : '/return'),
					approve ? null : { comment: form.comment.value }).then(function (r) {
					if (r.status === 200) {
						form.parentNode.previousElementSibling.textContent = approve ? '已审核（锁定）' : '已退回';
						form.remove();
					} else {
						out.textContent = (r.body && r.body.error) || ('错误 ' + r.status);
					}
				});
			});
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		drawCharts();
		filterRows();
		setupLogin();
		setupLogout();
		setupEntry();
		setupProgress();
		setupAdmin();
		setupReview();
	});
})();
