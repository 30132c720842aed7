"""thutuc: the static site generator of Lạng Sơn's database of administrative procedures."""

__version__ = "0.1.0"
