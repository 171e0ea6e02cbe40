"""Web surfaces. Everything here calls the Advisor; nothing imports storage or model libraries."""
