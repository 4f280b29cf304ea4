"""The volunteer service register (志愿服务): volunteers, activities and hours."""
