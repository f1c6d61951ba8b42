"""Arabic news analysis toolkit."""
