app_name = "districts"

urlpatterns = []
