"""Word documents laid out as GB/T 9704-2012 公文: the page, the weekly 督办通报, the 督办通知单,
the 清单 and plain tables.
"""
