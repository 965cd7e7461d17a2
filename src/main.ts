import './ui/shell/app-shell.js';
