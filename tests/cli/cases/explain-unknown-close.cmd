explain signal forward-secrecyy
