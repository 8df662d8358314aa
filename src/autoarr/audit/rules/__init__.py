"""The audit rule catalogue: rules as reviewable data, each with a pure check over a configuration snapshot."""
