"""The council-wide view of a plan year (issue 12, item 4): counts by status, exceptions, filters, exports."""
