// Entry of embed.js: every panel as a standalone element, for `<script type="module" src=".../embed.js">`.
import './components/clara-alerts.js';
import './components/clara-class-distribution.js';
import './components/clara-class-metrics.js';
import './components/clara-confusion-matrix.js';
import './components/clara-drift.js';
import './components/clara-estimate.js';
import './components/clara-jobs.js';
import './components/clara-metric-chart.js';
import './components/clara-overview.js';
import './components/clara-training-distribution.js';
import './components/clara-version-comparison.js';
