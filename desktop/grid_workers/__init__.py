"""The grid workers register (网格员) and the grids they look after."""
