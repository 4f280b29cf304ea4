"""The party members register: tab, table columns and record dialog."""
