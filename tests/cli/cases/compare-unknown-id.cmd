compare signl briar
