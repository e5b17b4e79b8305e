// Entry of the dashboard page (index.html).
import './components/clara-dashboard.js';
