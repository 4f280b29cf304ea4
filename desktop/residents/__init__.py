"""The residents register (居民) and the houses tree (房屋): issue 16."""
