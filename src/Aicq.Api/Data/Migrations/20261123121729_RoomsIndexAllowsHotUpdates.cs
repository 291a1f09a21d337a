using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aicq.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoomsIndexAllowsHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rooms_is_private_last_active_at",
                table: "rooms");

            migrationBuilder.CreateIndex(
                name: "IX_rooms_is_private",
                table: "rooms",
                column: "is_private");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rooms_is_private",
                table: "rooms");

            migrationBuilder.CreateIndex(
                name: "IX_rooms_is_private_last_active_at",
                table: "rooms",
                columns: new[] { "is_private", "last_active_at" });
        }
    }
}
