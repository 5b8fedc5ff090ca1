"""duban (督办): a ledger of commitments and figures from Chinese government texts."""

__version__ = "0.1.0"
