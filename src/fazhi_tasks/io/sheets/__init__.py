"""The spreadsheet family: bounded workbook reading, headers and cells, the plan and progress sheet
readers, the read summary, sheets written and styled.
"""
